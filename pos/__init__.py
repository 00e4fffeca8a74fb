"""A desktop point-of-sale register for BigCommerce stores."""

__version__ = "0.1.0"
APP_NAME = "bc-pos"
APP_DISPLAY_NAME = "BigCommerce Register"
