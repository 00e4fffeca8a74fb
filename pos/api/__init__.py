"""The async BigCommerce client: HTTP, JSON and BigCommerce only."""
