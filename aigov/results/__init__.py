"""`aigov results add`: evaluation results and monitoring readings that pipelines already
write, appended to a record. One module per input kind turns a file into `Incoming` values
(`plain`, `lmeval`, `mlflow`, `modelindex`; `read` picks the kind), `match` ties each to the
record's metrics stack, test sets and monitors, and `append` writes them through the
round-trip editor (comments and layout kept, atomic), skipping what the record already
holds. Nothing here prints or exits."""
