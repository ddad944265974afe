package npy2d_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/npy2d/npy2d/generated"
)

// TestMarshalByValue: a struct holding arrays by value encodes them as the
// envelope, as one holding pointers does (the marshalers have value
// receivers, like time.Time's), and decodes them back.
func TestMarshalByValue(t *testing.T) {
	type model struct {
		Coef   generated.Float64Array2D
		Labels generated.StringArray2D
		Bias   *generated.Float32Array2D
	}
	var m model
	m.Coef = *generated.NewFloat64Array2D(3)
	copy(m.Coef.Data, []float64{0.5, -1, 2})
	m.Labels = *generated.NewStringArray2D(2)
	copy(m.Labels.Data, []string{"setosa", "virginica"})
	m.Bias = generated.NewFloat32Array2D()
	js, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"Coef":{"dtype":"float64","shape":[3],`, `"Labels":{"dtype":"U9","shape":[2],`, `"Bias":{"dtype":"float32","shape":[],`} {
		if !strings.Contains(string(js), want) {
			t.Errorf("%s lacks %s", js, want)
		}
	}
	var back model
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if back.Coef.NDim() != 1 || back.Coef.Data[2] != 2 || back.Labels.Data[1] != "virginica" || back.Bias.NDim() != 0 {
		t.Errorf("decoded %+v", back)
	}
}
