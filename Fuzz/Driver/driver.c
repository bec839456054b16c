// SwiftPM links an executable's `main` to `<module>_main`; reco-fuzz's hands the process to
// libFuzzer, which calls LLVMFuzzerInitialize once and LLVMFuzzerTestOneInput per input.
#include "RecoFuzzDriver.h"

int reco_fuzz_main(int argc, char **argv) { return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput); }
