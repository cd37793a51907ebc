import { describeFuzzing } from './support/fuzz-app';

// One file per adapter, so that Jest runs the two in parallel.
describeFuzzing('express');
