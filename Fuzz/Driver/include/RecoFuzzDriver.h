// reco-fuzz's entry point (built only when RECO_FUZZ=1; see Package.swift and Benchmarks/fuzz.sh).
#pragma once
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver: parses libFuzzer's flags and calls `callback` with every generated input.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

/// One input for the selected target (Swift, Fuzz/Targets/FuzzEntry.swift).
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/// What SwiftPM links `main` to for the `reco-fuzz` executable: hands the process to libFuzzer.
int reco_fuzz_main(int argc, char **argv);
