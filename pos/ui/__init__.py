"""The clerk's wizard: the only package that imports Qt."""
