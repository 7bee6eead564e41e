"""Reading archives (JSONL, WARC, folders of .html / .txt) into article records, one bad
record at a time reported, never stopping the stream."""
