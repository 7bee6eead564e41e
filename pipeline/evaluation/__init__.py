"""Measuring the rules: gold files, the scorer and its matching rules, the underthesea
baseline, and the rules' own examples."""
