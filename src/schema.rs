//! The JSON Schema of the `jixiao/form@1` contract.
