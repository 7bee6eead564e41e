"""Polite, resumable crawling of provincial papers into a WARC archive (`vnie scrape`).

sources → discovery (feeds, sitemaps, listings) → fetch (robots, rate limits, retries) →
archive (WARC, articles.jsonl, errors.csv), with the crawl state in SQLite so a killed run
continues where it stopped.
"""
