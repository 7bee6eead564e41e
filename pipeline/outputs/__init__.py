"""What a run writes: the tables (CSV + Parquet), the DuckDB warehouse and datapackage, and
the comparison of two runs."""
