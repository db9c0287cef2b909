"""The commands: ``briefkit new``, ``check``, ``build``, ``pdf`` and their dispatcher.

The top floor: each may use every layer below.
"""
