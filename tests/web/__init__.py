"""Tests for nq57.web."""
