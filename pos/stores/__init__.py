"""Store profiles on disk and their credentials in the OS keyring."""
