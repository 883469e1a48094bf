"""Runners compose plan -> embed -> commit: local.py in this process, ray.py on Ray Data."""
