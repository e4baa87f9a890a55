"""What citizens read without an account: the home page, editions, laureates and their
results, search, open data, the sitemap; all cacheable and the same for everyone."""
