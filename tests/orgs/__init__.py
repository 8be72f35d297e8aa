"""Tests for nq57.orgs."""
