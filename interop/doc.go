// Package interop holds only tests: the suite that judges the Array2D
// family against real numpy, in both directions, for every row of the dtype
// table. numpy (through internal/numpytest) writes fixtures in a temporary
// folder for Go to read, then reads and re-saves what Go wrote; nothing
// binary is committed. The Python halves are in testdata/.
//
// TestSklearnModels is the project's story end to end: scikit-learn fits 18
// common estimators and every fitted numpy array they hold goes from Python
// to Go and back through every entry point (needs python3-sklearn).
package interop
