"""The default rules, shipped inside vnie as the data package `pipeline.rules`.

Edit the YAML files and gazetteers beside this file, not this file: it only lets Python find
the folder (pyproject.toml maps it into the package; `pipeline/engine/rules_location.py`
reads it). `vnie rules init DIR` copies these rules into a folder of your own.
"""
