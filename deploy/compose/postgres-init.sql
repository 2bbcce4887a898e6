-- One database per service, as in the local platform: a center's store is its own, the ledger is the hub's.
CREATE DATABASE studyledger_hub;
CREATE DATABASE studyledger_center_pav;
CREATE DATABASE studyledger_center_mil;
CREATE DATABASE studyledger_center_rom;
