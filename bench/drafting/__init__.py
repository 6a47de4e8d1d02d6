"""Offline drafting throughput and guardrail cost: python -m bench.drafting"""
