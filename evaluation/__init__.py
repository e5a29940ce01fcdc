"""Evaluation harness: score any pipeline against minutes-annotation/1 documents."""
