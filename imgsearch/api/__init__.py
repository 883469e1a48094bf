"""The verbs of a collection, above the core: one protocol (protocol.py), the local
implementation (local.py, in this process) and the remote one (remote.py, over the REST API of
a running service), the Service that owns open collections and jobs (service.py), one request
model per verb (requests.py) and query decoding (query.py). Nothing is imported here."""
