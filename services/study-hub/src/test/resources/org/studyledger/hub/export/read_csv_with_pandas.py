"""Reads dataset CSVs the two ways docs/csv-export.md describes and reports what pandas made of them, as JSON.

Usage: read_csv_with_pandas.py DIRECTORY NAME...  (DIRECTORY/NAME.csv and DIRECTORY/NAME-dictionary.csv, the
dataset and its data dictionary as the hub serves them). For each dataset: "defaults", pandas.read_csv with no
arguments, and "dictionary", with the column types taken from the data dictionary. Each gives the columns, their
dtypes and every value (null for a missing one, dates and datetimes in ISO 8601).
"""
import json
import sys

import pandas as pd

# the data dictionary's data types as pandas dtypes; dates and datetimes are parsed
DTYPES = {"string": "string", "integer": "Int64", "decimal": "float64"}
DATES = ("date", "datetime")


def plain(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def describe(frame):
    return {
        "columns": list(frame.columns),
        "dtypes": {column: str(dtype) for column, dtype in frame.dtypes.items()},
        "values": [[plain(v) for v in row] for row in frame.itertuples(index=False, name=None)],
    }


def read_with_dictionary(csv, dictionary_csv):
    dictionary = pd.read_csv(dictionary_csv, keep_default_na=False, na_values=[""])
    dtype = {v["name"]: DTYPES[v["data_type"]] for _, v in dictionary.iterrows() if v["data_type"] in DTYPES}
    dates = [v["name"] for _, v in dictionary.iterrows() if v["data_type"] in DATES]
    return pd.read_csv(csv, dtype=dtype, parse_dates=dates, keep_default_na=False, na_values=[""])


def main(directory, names):
    report = {"pandas": pd.__version__}
    for name in names:
        csv = f"{directory}/{name}.csv"
        report[name] = {
            "defaults": describe(pd.read_csv(csv)),
            "dictionary": describe(read_with_dictionary(csv, f"{directory}/{name}-dictionary.csv")),
        }
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
