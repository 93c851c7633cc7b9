"""Evaluations that measure the product's promises."""
