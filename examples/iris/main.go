// Command iris serves a scikit-learn model from Go: the StandardScaler ->
// LogisticRegression pipeline that train.py fits on the iris flowers, loaded
// from the arrays np.savez wrote, without pickle and without Python.
//
//	python3 train.py                       # model.npz, flowers.npy, sklearn.npz
//	go run . -model model.npz flowers.npy  # one line a flower: label, probabilities
//
// With -out, the predictions are also saved as an .npz archive that
// np.load reads: "predict_proba" (float64, flowers x classes) and "predict"
// (the labels, numpy '<U' strings), the names of scikit-learn's methods.
// See README.md.
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/npy2d/npy2d"
	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/npz"
)

// Model is the fitted pipeline: the scaler's and the classifier's arrays.
type Model struct {
	// Mean and Scale are StandardScaler's mean_ and scale_: a flower's
	// features x become (x - Mean) / Scale.
	Mean, Scale []float64
	// Coef is LogisticRegression's coef_, classes x features, and Intercept
	// its intercept_: the scores are Coef · x + Intercept.
	Coef      *generated.Float64Array2D
	Intercept []float64
	// Classes is classes_, the labels in the order of Coef's rows.
	Classes []string
}

// Load reads the model that train.py saved with np.savez.
func Load(path string) (*Model, error) {
	r, err := npz.Open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var m Model
	floats := []struct {
		key string
		dst *[]float64
	}{
		{"scaler.mean_", &m.Mean},
		{"scaler.scale_", &m.Scale},
		{"logreg.intercept_", &m.Intercept},
	}
	for _, f := range floats {
		a, err := float64s(r, f.key)
		if err != nil {
			return nil, err
		}
		*f.dst = a.Data // numpy's shape (n,): a 1 x n array, Data is the vector
	}
	if m.Coef, err = float64s(r, "logreg.coef_"); err != nil {
		return nil, err
	}
	a, err := r.Array("logreg.classes_")
	if err != nil {
		return nil, err
	}
	classes, ok := a.(*generated.StringArray2D) // numpy '<U10'
	if !ok {
		return nil, fmt.Errorf("%s: logreg.classes_ is %s, want strings", path, a.DType())
	}
	m.Classes = classes.Data
	if err := m.check(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &m, nil
}

// float64s returns the array saved under key as float64, numpy's
// astype('float64'): the array itself when it is float64 already, as every
// array train.py saves here is, and a converted copy of any other numeric
// dtype.
func float64s(r *npz.Reader, key string) (*generated.Float64Array2D, error) {
	a, err := r.Array(key)
	if err != nil {
		return nil, err
	}
	return generated.AsFloat64Array2D(a)
}

// check makes sure the arrays fit together before any flower is scored.
func (m *Model) check() error {
	k, n := m.Coef.Rows, m.Coef.Cols
	if len(m.Mean) != n || len(m.Scale) != n || len(m.Intercept) != k || len(m.Classes) != k {
		return fmt.Errorf("model arrays disagree: coef_ %d x %d, mean_ %d, scale_ %d, intercept_ %d, classes_ %d",
			k, n, len(m.Mean), len(m.Scale), len(m.Intercept), len(m.Classes))
	}
	if k < 3 {
		// Two classes: scikit-learn's default is then one-vs-rest, a single
		// row of coef_ and a logistic sigmoid, not the softmax below.
		return fmt.Errorf("model has %d classes; this example serves the multinomial model of 3 or more", k)
	}
	return nil
}

// Predict scores one flower's features x (as many as Mean), writes the
// probability of each class into proba (as many as Classes), as
// predict_proba does, and returns the predicted label, as predict does.
func (m *Model) Predict(x, proba []float64) string {
	n := len(m.Mean)
	z := make([]float64, n)
	for j := range n {
		z[j] = (x[j] - m.Mean[j]) / m.Scale[j] // StandardScaler.transform
	}
	// decision_function: coef_ · z + intercept_, and predict takes its argmax.
	best := 0
	for c := range m.Classes {
		s := 0.0
		for j, w := range m.Coef.Row(c) {
			s += w * z[j]
		}
		proba[c] = s + m.Intercept[c]
		if proba[c] > proba[best] {
			best = c
		}
	}
	// predict_proba of the multinomial model (lbfgs, more than two classes,
	// scikit-learn's default): softmax of the scores, shifted by their
	// maximum as sklearn.utils.extmath.softmax does.
	top, sum := proba[best], 0.0
	for c := range proba {
		proba[c] = math.Exp(proba[c] - top)
		sum += proba[c]
	}
	for c := range proba {
		proba[c] /= sum
	}
	return m.Classes[best]
}

// PredictAll is Predict for each row of flowers: numpy's predict_proba,
// flowers x classes, and predict, the labels.
func (m *Model) PredictAll(flowers *generated.Float64Array2D) (*generated.Float64Array2D, *generated.StringArray2D, error) {
	if flowers.Cols != len(m.Mean) {
		return nil, nil, fmt.Errorf("flowers have %d features, the model %d", flowers.Cols, len(m.Mean))
	}
	proba := generated.NewFloat64Array2D(flowers.Rows, len(m.Classes))
	labels := generated.NewStringArray2D(flowers.Rows) // shape (n,), as predict returns
	for i := range flowers.Rows {
		labels.Data[i] = m.Predict(flowers.Row(i), proba.Row(i))
	}
	return proba, labels, nil
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "iris:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("iris", flag.ContinueOnError)
	modelPath := fs.String("model", "model.npz", "the model train.py saved")
	out := fs.String("out", "", "also save the predictions in this .npz archive")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: iris [-model model.npz] [-out predictions.npz] flowers.npy")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("want one .npy file of flowers, got %d arguments", fs.NArg())
	}
	m, err := Load(*modelPath)
	if err != nil {
		return err
	}
	a, err := npy2d.LoadNPY(fs.Arg(0))
	if err != nil {
		return err
	}
	flowers, ok := a.(*generated.Float64Array2D)
	if !ok || a.NDim() != 2 {
		return fmt.Errorf("%s holds %s %v, want float64 flowers x features", fs.Arg(0), a.DType(), a.NumpyShape())
	}
	proba, labels, err := m.PredictAll(flowers)
	if err != nil {
		return err
	}
	for i, label := range labels.Data {
		fmt.Fprintf(stdout, "%-10s", label)
		for _, p := range proba.Row(i) {
			fmt.Fprintf(stdout, " %.4f", p)
		}
		fmt.Fprintln(stdout)
	}
	if *out == "" {
		return nil
	}
	return save(*out, proba, labels)
}

// save writes the predictions as an .npz archive under the names of
// scikit-learn's methods.
func save(path string, proba *generated.Float64Array2D, labels *generated.StringArray2D) error {
	w, err := npz.Create(path)
	if err != nil {
		return err
	}
	if err := w.Add("predict_proba", proba); err != nil {
		w.Close()
		return err
	}
	if err := w.Add("predict", labels); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}
