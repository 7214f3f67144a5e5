"""Airflow operators: each reads its input from the lake, calls one stage, writes outputs and reports lineage.

The only package of the library (with ``plugins/``) that imports Airflow.
"""
