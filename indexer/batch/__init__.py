"""Past one machine: extraction and the corpus-level steps as batch jobs on Dask, records in Parquet/JSONL.

- extract_job.run_extract     the extraction job (driver); extract_task runs one partition
- reader.load_records         a records directory back to Article/Quote records
- identities.resolve_on_dask  speaker identities from the records, grouped by last word
- clusters.clusters_on_dask   quote clusters from the records: rare shingles, connected groups
- adapter                     the only module that calls the single-process pipeline
"""
