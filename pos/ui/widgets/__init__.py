"""Widgets of the clerk's wizard."""
