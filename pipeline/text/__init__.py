"""Text as the rules see it: normalization with a map back to the source characters,
sentences, and words in a spaCy `Doc`."""
