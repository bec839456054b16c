// The header's inline functions are the whole module; this file gives SwiftPM a source to build.
#include "CRecoSupport.h"
