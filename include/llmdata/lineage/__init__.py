"""Lineage: this project's OpenLineage facets and the datasets operators report."""
