"""Where articles come from before they are a corpus: pages fetched from URLs, feed items."""
