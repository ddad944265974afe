package objstore_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/httprange"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/npz"
	"github.com/npy2d/npy2d/ranged"
	"github.com/npy2d/npy2d/typed"
)

// endpoint is the S3 server's address: S3_ENDPOINT, or SeaweedFS's default
// port on the loopback address, where .ci/seaweedfs.sh starts it.
func endpoint() string {
	if e := os.Getenv("S3_ENDPOINT"); e != "" {
		return e
	}
	return "127.0.0.1:8333"
}

// counter counts the response body bytes a client received: what the
// server sent.
type counter struct {
	rt             http.RoundTripper
	requests, body atomic.Int64
}

func (c *counter) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.rt.RoundTrip(r)
	if err == nil {
		c.requests.Add(1)
		resp.Body = &countedBody{resp.Body, &c.body}
	}
	return resp, err
}

func (c *counter) reset() { c.requests.Store(0); c.body.Store(0) }

type countedBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (b *countedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n.Add(int64(n))
	return n, err
}

// server connects to the S3 server, or skips (fails under CI=true) when
// there is none.
func server(t *testing.T) (*minio.Client, *counter) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", endpoint(), 2*time.Second)
	if err != nil {
		msg := fmt.Sprintf("no S3 server at %s (start one with .ci/seaweedfs.sh start): %v", endpoint(), err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	conn.Close()
	c := &counter{rt: http.DefaultTransport.(*http.Transport).Clone()}
	// SeaweedFS's `weed mini` allows anonymous access.
	cl, err := minio.New(endpoint(), &minio.Options{Creds: credentials.NewStaticV4("", "", ""), Secure: false, Transport: c})
	if err != nil {
		t.Fatal(err)
	}
	return cl, c
}

// mib is the size of the test array: NPY2D_S3_MIB, or 256 (1024 by hand:
// NPY2D_S3_MIB=1024 go test -v ./... in objstore).
func mib(t *testing.T) int {
	s := os.Getenv("NPY2D_S3_MIB")
	if s == "" {
		return 256
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		t.Fatalf("NPY2D_S3_MIB=%q", s)
	}
	return n
}

const (
	cols    = 512 // 4 KiB rows of float64
	workers = 8
	perRead = 100 // rows each worker reads
)

// ranges is each worker's rows: perRead rows, spread over the array.
func ranges(rows int) [][2]int {
	var out [][2]int
	for w := range workers {
		i := w * (rows / workers)
		out = append(out, [2]int{i, i + perRead})
	}
	return out
}

// TestWorkersReadRowRanges: numpy writes a float64 array (and an npz
// holding it stored, next to a small array); it is uploaded once; 8
// workers read disjoint row ranges through minio-go and through httprange;
// they get numpy's values, and the server sends the header and those rows.
func TestWorkersReadRowRanges(t *testing.T) {
	cl, cnt := server(t)
	ctx := context.Background()
	rows := mib(t) << 20 / (cols * 8)
	dir := t.TempDir()
	var args []string
	for _, r := range ranges(rows) {
		args = append(args, fmt.Sprintf("%d:%d", r[0], r[1]))
	}
	start := time.Now()
	numpytest.Run(t, dir, fmt.Sprintf(`
rows, cols = %d, %d
a = np.arange(rows * cols, dtype='<f8').reshape(rows, cols) * 0.5 - 7
np.save('a.npy', a)
np.savez('a.npz', small=np.eye(3), a=a)
with open('want.bin', 'wb') as f:
    for arg in sys.argv[1:]:
        i, j = map(int, arg.split(':'))
        f.write(a[i:j].tobytes())
`, rows, cols), args...)
	want := numpytest.ReadFile(t, dir, "want.bin")
	t.Logf("numpy wrote a (%d, %d) float64 array in %v", rows, cols, time.Since(start))

	bucket := fmt.Sprintf("npy2d-test-%d", time.Now().UnixNano())
	if err := cl.MakeBucket(ctx, bucket, minio.MakeBucketOptions{}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, k := range []string{"a.npy", "a.npz"} {
			cl.RemoveObject(ctx, bucket, k, minio.RemoveObjectOptions{})
		}
		cl.RemoveBucket(ctx, bucket)
	})
	for _, k := range []string{"a.npy", "a.npz"} {
		start := time.Now()
		info, err := cl.FPutObject(ctx, bucket, k, filepath.Join(dir, k), minio.PutObjectOptions{ContentType: "application/octet-stream"})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("uploaded %s, %d bytes, in %v", k, info.Size, time.Since(start))
	}
	rowLen := int64(cols * 8)
	rowBytes := int64(workers * perRead * rowLen)

	// check has the workers read their ranges from r.
	check := func(t *testing.T, r *ranged.Reader) {
		t.Helper()
		var wg sync.WaitGroup
		for w, rg := range ranges(rows) {
			wg.Add(1)
			go func(w int, rg [2]int) {
				defer wg.Done()
				part := generated.NewFloat64Array2D(0, 0)
				if err := r.ReadInto(part, rg[0], rg[1]); err != nil {
					t.Error(err)
					return
				}
				off := int64(w) * perRead * rowLen
				if !bytes.Equal(typed.Impl.HostOrderCopy(part.Bytes(), part.DType(), '<'), want[off:off+perRead*rowLen]) {
					t.Errorf("worker %d: rows [%d, %d) differ from numpy's", w, rg[0], rg[1])
				}
			}(w, rg)
		}
		wg.Wait()
	}

	t.Run("minio/npy", func(t *testing.T) {
		cnt.reset()
		obj, err := cl.GetObject(ctx, bucket, "a.npy", minio.GetObjectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		defer obj.Close()
		st, err := obj.Stat()
		if err != nil {
			t.Fatal(err)
		}
		r, err := ranged.Open(obj, st.Size)
		if err != nil {
			t.Fatal(err)
		}
		check(t, r)
		got := cnt.body.Load()
		t.Logf("minio-go: %d workers read %d rows each of a %d-byte object: %d requests, %d body bytes", workers, perRead, st.Size, cnt.requests.Load(), got)
		if want := min(st.Size, ranged.HeaderProbe) + rowBytes; got != want {
			t.Errorf("the server sent %d bytes, want %d: the header probe and the rows", got, want)
		}
	})

	t.Run("minio/npz", func(t *testing.T) {
		cnt.reset()
		obj, err := cl.GetObject(ctx, bucket, "a.npz", minio.GetObjectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		defer obj.Close()
		st, err := obj.Stat()
		if err != nil {
			t.Fatal(err)
		}
		zr, err := npz.NewReader(obj, st.Size)
		if err != nil {
			t.Fatal(err)
		}
		var e npz.Entry
		for _, x := range zr.Entries() {
			if x.Name == "a" {
				e = x
			}
		}
		listed := cnt.body.Load()
		r, err := ranged.OpenEntry(obj, e)
		if err != nil {
			t.Fatal(err)
		}
		check(t, r)
		got := cnt.body.Load()
		t.Logf("minio-go: listing the %d-byte npz moved %d bytes in %d requests; the rows %d more", st.Size, listed, cnt.requests.Load(), got-listed)
		if listed > 256<<10 {
			t.Errorf("listing the archive moved %d bytes: more than its directory and headers", listed)
		}
		if got-listed != rowBytes {
			t.Errorf("the rows moved %d bytes, want %d", got-listed, rowBytes)
		}
	})

	t.Run("httprange", func(t *testing.T) {
		cnt.reset()
		ra := openURL(t, cnt, bucket, "a.npy")
		r, err := ranged.Open(ra, ra.Size())
		if err != nil {
			t.Fatal(err)
		}
		check(t, r)
		got := cnt.body.Load()
		t.Logf("httprange: %d workers read %d rows each of a %d-byte object: %d requests, %d body bytes", workers, perRead, ra.Size(), cnt.requests.Load(), got)
		if want := httprange.PrefixLen + rowBytes; got != want {
			t.Errorf("the server sent %d bytes, want %d: the first KiB and the rows", got, want)
		}
		if n := cnt.requests.Load(); n != 1+workers {
			t.Errorf("%d requests, want %d", n, 1+workers)
		}
	})

	t.Run("httprange/npz", func(t *testing.T) {
		cnt.reset()
		ra := openURL(t, cnt, bucket, "a.npz")
		r, err := ranged.OpenNPZ(ra, ra.Size(), "a")
		if err != nil {
			t.Fatal(err)
		}
		opened := cnt.body.Load()
		check(t, r)
		t.Logf("httprange: opening the npz member moved %d bytes in total, the rows %d", opened, cnt.body.Load()-opened)
		if got := cnt.body.Load() - opened; got != rowBytes {
			t.Errorf("the rows moved %d bytes, want %d", got, rowBytes)
		}
	})
}

// openURL opens the object with httprange through a presigned URL, as a
// worker without S3 credentials of its own would get it. weed mini has no
// identities and accepts any signature; a server that refuses the
// presigned URL (403) is tried with the object's plain URL, which
// anonymous access allows.
func openURL(t *testing.T, cnt *counter, bucket, key string) *httprange.ReaderAt {
	t.Helper()
	ctx := context.Background()
	signer, err := minio.New(endpoint(), &minio.Options{Creds: credentials.NewStaticV4("npy2d", "npy2d-test-secret", ""), Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: cnt}
	u, err := signer.PresignedGetObject(ctx, bucket, key, time.Hour, nil)
	if err == nil {
		ra, err := httprange.Open(ctx, client, u.String())
		if err == nil {
			t.Logf("%s through a presigned URL", key)
			return ra
		}
		t.Logf("the presigned URL failed (%v): using the plain URL", err)
	} else {
		t.Logf("no presigned URL (%v): using the plain URL", err)
	}
	cnt.reset()
	ra, err := httprange.Open(ctx, client, "http://"+endpoint()+"/"+bucket+"/"+key)
	if err != nil {
		t.Fatal(err)
	}
	return ra
}
