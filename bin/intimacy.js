#!/usr/bin/env node
// The built CLI does the work; this shim only loads it. CommonJS (bin/package.json says so):
// node starts it without its ES module loader, which the built CLI does not need.
require('../dist/cli.js');
