#!/usr/bin/env node
// The built CLI does the work; this shim only loads it.
import '../dist/cli.js';
