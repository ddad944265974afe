package httprange_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/httprange"
	"github.com/npy2d/npy2d/ranged"
	"github.com/npy2d/npy2d/typed"
)

// server serves body with http.ServeContent (which honours Range) on
// 127.0.0.1; its Client counts requests and the body bytes received.
type server struct {
	*httptest.Server
	requests, sent atomic.Int64
}

// counting is a RoundTripper that counts what the server sent.
type counting struct {
	rt             http.RoundTripper
	requests, sent *atomic.Int64
}

func (c counting) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.rt.RoundTrip(r)
	if err == nil {
		c.requests.Add(1)
		resp.Body = countingBody{resp.Body, c.sent}
	}
	return resp, err
}

type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (c countingBody) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func serve(t *testing.T, body []byte) *server {
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		http.ServeContent(w, r, "a.npy", time.Time{}, bytes.NewReader(body))
	}))
	t.Cleanup(s.Close)
	return s
}

// Client returns a client that counts into s.
func (s *server) Client() *http.Client {
	c := *s.Server.Client()
	c.Transport = counting{c.Transport, &s.requests, &s.sent}
	return &c
}

func bigArray(rows, cols int) (*generated.Float64Array2D, []byte) {
	a := generated.NewFloat64Array2D(rows, cols)
	for i := range a.Data {
		a.Data[i] = float64(i) * 0.5
	}
	b, _ := a.MarshalBinary()
	return a, b
}

// TestRowRangesOverHTTP: 8 goroutines read disjoint row ranges through
// one ReaderAt; the server sends the first KiB once and each row once.
func TestRowRangesOverHTTP(t *testing.T) {
	const rows, cols = 4096, 64 // 2 MiB
	a, body := bigArray(rows, cols)
	s := serve(t, body)
	ra, err := httprange.Open(context.Background(), s.Client(), s.URL+"/a.npy")
	if err != nil {
		t.Fatal(err)
	}
	if ra.Size() != int64(len(body)) {
		t.Fatalf("Size %d, want %d", ra.Size(), len(body))
	}
	r, err := ranged.Open(ra, ra.Size())
	if err != nil {
		t.Fatal(err)
	}
	if n := s.requests.Load(); n != 1 {
		t.Fatalf("Open and the header took %d requests, want 1", n)
	}
	const workers, per = 8, 100 // each reads rows [w*512, w*512+100)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			part := generated.NewFloat64Array2D(0, 0)
			i := w * rows / workers
			if err := r.ReadInto(part, i, i+per); err != nil {
				t.Error(err)
				return
			}
			if !bytes.Equal(part.Bytes(), a.Bytes()[i*cols*8:(i+per)*cols*8]) {
				t.Errorf("rows [%d, %d) differ", i, i+per)
			}
		}(w)
	}
	wg.Wait()
	if n := s.requests.Load(); n != 1+workers {
		t.Errorf("%d requests, want %d", n, 1+workers)
	}
	if got, want := s.sent.Load(), int64(httprange.PrefixLen+workers*per*cols*8); got != want {
		t.Errorf("server sent %d body bytes, want %d (the first KiB and the rows read)", got, want)
	}
	t.Logf("%d workers read %d rows each of a %d-byte array: %d requests, %d bytes sent", workers, per, len(body), s.requests.Load(), s.sent.Load())

	// io.ReaderAt at the end: what there is, and io.EOF.
	p := make([]byte, 10)
	if n, err := ra.ReadAt(p, ra.Size()-4); n != 4 || err != io.EOF || !bytes.Equal(p[:4], body[len(body)-4:]) {
		t.Errorf("ReadAt across the end: %d, %v", n, err)
	}
	if n, err := ra.ReadAt(p, ra.Size()); n != 0 || err != io.EOF {
		t.Errorf("ReadAt at the end: %d, %v", n, err)
	}
	if _, err := ra.ReadAt(p, -1); err == nil {
		t.Error("ReadAt at -1: no error")
	}
}

// TestSmallAndEmpty: resources shorter than the prefix, and empty ones.
func TestSmallAndEmpty(t *testing.T) {
	for _, n := range []int{0, 1, 100, httprange.PrefixLen, httprange.PrefixLen + 1} {
		body := bytes.Repeat([]byte{7}, n)
		s := serve(t, body)
		ra, err := httprange.Open(context.Background(), s.Client(), s.URL)
		if err != nil {
			t.Fatalf("%d bytes: %v", n, err)
		}
		got, err := io.ReadAll(io.NewSectionReader(ra, 0, ra.Size()))
		if err != nil || !bytes.Equal(got, body) || ra.Size() != int64(n) {
			t.Errorf("%d bytes: read %d, size %d, %v", n, len(got), ra.Size(), err)
		}
	}
}

// hostile serves body but lets f spoil the response.
func hostile(t *testing.T, body []byte, f func(w http.ResponseWriter, r *http.Request, first, last int) bool) string {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var first, last int
		if _, err := fmt.Sscanf(r.Header.Get("Range"), "bytes=%d-%d", &first, &last); err != nil {
			http.Error(w, "no range", http.StatusBadRequest)
			return
		}
		last = min(last, len(body)-1)
		if f(w, r, first, last) {
			return
		}
		w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", first, last, len(body)))
		w.WriteHeader(http.StatusPartialContent)
		w.Write(body[first : last+1])
	}))
	t.Cleanup(s.Close)
	return s.URL
}

// TestHostileServers: a server that ignores Range, sends the wrong
// length or range, or changes the object, gives an error, not bytes.
func TestHostileServers(t *testing.T) {
	_, body := bigArray(512, 8)
	ctx := context.Background()
	cases := []struct {
		name string
		want error
		f    func(w http.ResponseWriter, r *http.Request, first, last int) bool
	}{
		{"ignores Range", httprange.ErrRangeIgnored, func(w http.ResponseWriter, r *http.Request, first, last int) bool {
			w.Write(body)
			return true
		}},
		{"cut short", io.ErrUnexpectedEOF, func(w http.ResponseWriter, r *http.Request, first, last int) bool {
			if first == 0 {
				return false
			}
			w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", first, last, len(body)))
			w.Header().Set("Content-Length", strconv.Itoa(last-first+1))
			w.WriteHeader(http.StatusPartialContent)
			w.Write(body[first:last])
			return true
		}},
		{"short body", httprange.ErrBadResponse, func(w http.ResponseWriter, r *http.Request, first, last int) bool {
			if first == 0 {
				return false
			}
			w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", first, last, len(body)))
			w.Header().Set("Content-Length", strconv.Itoa(last-first))
			w.WriteHeader(http.StatusPartialContent)
			w.Write(body[first:last])
			return true
		}},
		{"long body", typed.ErrFormat, func(w http.ResponseWriter, r *http.Request, first, last int) bool {
			if first == 0 {
				return false
			}
			w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", first, last, len(body)))
			w.WriteHeader(http.StatusPartialContent)
			w.Write(body[first : last+2])
			return true
		}},
		{"other range", typed.ErrFormat, func(w http.ResponseWriter, r *http.Request, first, last int) bool {
			if first == 0 {
				return false
			}
			w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", first-1, last-1, len(body)))
			w.WriteHeader(http.StatusPartialContent)
			w.Write(body[first-1 : last])
			return true
		}},
		{"object grew", httprange.ErrBadResponse, func(w http.ResponseWriter, r *http.Request, first, last int) bool {
			if first == 0 {
				return false
			}
			w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", first, last, len(body)+8))
			w.WriteHeader(http.StatusPartialContent)
			w.Write(body[first : last+1])
			return true
		}},
		{"no Content-Range", httprange.ErrBadResponse, func(w http.ResponseWriter, r *http.Request, first, last int) bool {
			if first == 0 {
				return false
			}
			w.WriteHeader(http.StatusPartialContent)
			w.Write(body[first : last+1])
			return true
		}},
		{"error status", nil, func(w http.ResponseWriter, r *http.Request, first, last int) bool {
			if first == 0 {
				return false
			}
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return true
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			url := hostile(t, body, c.f)
			ra, err := httprange.Open(ctx, nil, url)
			if err == nil {
				var r *ranged.Reader
				if r, err = ranged.Open(ra, ra.Size()); err != nil {
					t.Fatal(err)
				}
				err = r.ReadRows(make([]byte, 64*100), 200, 300)
			}
			if err == nil || (c.want != nil && !errors.Is(err, c.want)) {
				t.Fatalf("got %v, want an error wrapping %v", err, c.want)
			}
		})
	}
}

// FuzzResponse has a server answer the second request with the fuzzer's
// status, Content-Range and body: ReadAt must return an error, or exactly
// the body of a 206 answer for the range asked for, never more than
// len(p). (A server that sends other bytes of the right length for the
// right range cannot be told from an honest one; no check can catch it.)
func FuzzResponse(f *testing.F) {
	body := make([]byte, 3000)
	for i := range body {
		body[i] = byte(i * 31)
	}
	f.Add(206, "bytes 1500-1599/3000", body[1500:1600])
	f.Add(206, "bytes 1500-1599/3001", body[1500:1600])
	f.Add(206, "bytes 1500-1598/3000", body[1500:1599])
	f.Add(200, "", body)
	f.Add(206, "bytes 1500-1599/*", body[1500:1600])
	f.Fuzz(func(t *testing.T, status int, cr string, resp []byte) {
		if status < 200 || status > 599 {
			return
		}
		url := hostile(t, body, func(w http.ResponseWriter, r *http.Request, first, last int) bool {
			if first == 0 {
				return false
			}
			if cr != "" {
				w.Header()["Content-Range"] = []string{cr}
			}
			w.WriteHeader(status)
			w.Write(resp)
			return true
		})
		ra, err := httprange.Open(context.Background(), nil, url)
		if err != nil {
			t.Fatal(err)
		}
		p := make([]byte, 100)
		n, err := ra.ReadAt(p, 1500)
		if n < 0 || n > len(p) {
			t.Fatalf("ReadAt returned %d", n)
		}
		if err == nil && (status != http.StatusPartialContent || !bytes.Equal(p, resp)) {
			t.Fatalf("no error for status %d, %q, %d bytes: read %x", status, cr, len(resp), p)
		}
	})
}

// TestErrorsHideQuery: a presigned URL's signature, in its query, stays
// out of error messages.
func TestErrorsHideQuery(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "denied", http.StatusForbidden)
	}))
	defer s.Close()
	_, err := httprange.Open(context.Background(), nil, s.URL+"/a.npy?X-Amz-Signature=secret")
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Fatalf("error %v", err)
	}
	s.Close()
	_, err = httprange.Open(context.Background(), nil, s.URL+"/a.npy?X-Amz-Signature=secret")
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Fatalf("error %v", err)
	}
}
