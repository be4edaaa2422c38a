"""The checks ``validate`` runs over a desk's documents, one module per concern: where files
go (layout), entries against the model (shape), ids and references (references), the desk's
vocabularies (vocabulary), what holds within one explainer (story), ties between actors (ties)."""
