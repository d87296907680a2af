"""Static files the API serves: vendored assets (see ``vendor/VENDORED.md``)."""
