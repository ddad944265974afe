// Package httprange is an io.ReaderAt over HTTP range requests, with the
// standard library only: each ReadAt is one GET with a Range header. A
// presigned S3 or GCS URL, or any static file server that honours Range,
// then works with package ranged (row ranges of a .npy array or of a stored
// .npz member) and package npz:
//
//	ra, err := httprange.Open(ctx, http.DefaultClient, url) // a presigned URL, or any server that honours Range
//	if err != nil {
//		log.Fatal(err)
//	}
//	r, err := ranged.Open(ra, ra.Size()) // the header came with the first response: no second request
//	if err != nil {
//		log.Fatal(err)
//	}
//	part := generated.NewFloat32Array2D(0, 0)
//	if err := r.ReadInto(part, 2, 4); err != nil { // one GET of rows [2, 4)
//		log.Fatal(err)
//	}
//
// Open makes the first request, for the first PrefixLen bytes, and learns
// the object's size from its Content-Range; it keeps those bytes, so that
// reading a .npy header (ranged.Open reads the first 1024 bytes) costs no
// second request. Every other ReadAt is one GET, and its response is held
// to what was asked: a server that ignores Range (200 with the whole
// object, instead of 206) is an error wrapping ErrRangeIgnored, and the
// body is not read; a response for other bytes, of another length, or
// from an object whose size or ETag changed since Open is an error
// wrapping ErrBadResponse and typed.ErrFormat. Nothing is retried.
//
// A ReaderAt is safe for concurrent use: each ReadAt is its own request.
package httprange

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	neturl "net/url"
	"strconv"
	"strings"

	"github.com/npy2d/npy2d/typed"
)

// PrefixLen is how many bytes Open asks for and keeps.
const PrefixLen = 1024

// ErrRangeIgnored is wrapped by the error for a server that answered a
// range request with the whole object (status 200).
var ErrRangeIgnored = errors.New("httprange: the server ignored the Range header")

// ErrBadResponse is wrapped (with typed.ErrFormat) by the errors for a
// response that is not the bytes asked for: another range, another
// length, a size or ETag other than the first response's.
var ErrBadResponse = errors.New("httprange: the response is not the range asked for")

// ReaderAt reads an HTTP resource by ranges.
type ReaderAt struct {
	ctx    context.Context
	client *http.Client
	url    string
	name   string      // url without its query, for errors: presigned URLs hold secrets there
	header http.Header // sent with every request
	size   int64
	etag   string
	prefix []byte // the first min(PrefixLen, size) bytes
}

// Open returns a ReaderAt of the resource at url, fetched with client
// (http.DefaultClient when nil). ctx bounds every request the ReaderAt
// makes, Open's and ReadAt's.
func Open(ctx context.Context, client *http.Client, url string) (*ReaderAt, error) {
	return OpenWithHeader(ctx, client, url, nil)
}

// OpenWithHeader is Open with headers (Authorization, say) sent with every
// request.
func OpenWithHeader(ctx context.Context, client *http.Client, url string, header http.Header) (*ReaderAt, error) {
	if client == nil {
		client = http.DefaultClient
	}
	ra := &ReaderAt{ctx: ctx, client: client, url: url, name: redact(url), header: header.Clone(), size: -1}
	buf := make([]byte, PrefixLen)
	n, err := ra.get(buf, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	ra.prefix = buf[:n]
	return ra, nil
}

// Size is the resource's length in bytes, from Open's response.
func (ra *ReaderAt) Size() int64 { return ra.size }

// ReadAt reads len(p) bytes at off with one GET (none when they lie in the
// prefix Open kept). Near the end it reads what there is and returns
// io.EOF with it, as io.ReaderAt requires.
func (ra *ReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, fmt.Errorf("httprange: %s: negative offset %d", ra.name, off)
	}
	if off >= ra.size {
		if len(p) == 0 {
			return 0, nil
		}
		return 0, io.EOF
	}
	want := min(int64(len(p)), ra.size-off)
	var n int
	var err error
	if off+want <= int64(len(ra.prefix)) {
		n = copy(p[:want], ra.prefix[off:])
	} else {
		n, err = ra.get(p[:want], off)
	}
	if err == nil && n < len(p) {
		err = io.EOF
	}
	return n, err
}

// get is one GET of bytes [off, off+len(p)), or of fewer at the end of
// the resource when its size is not yet known (Open's request).
func (ra *ReaderAt) get(p []byte, off int64) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	req, err := http.NewRequestWithContext(ra.ctx, http.MethodGet, ra.url, nil)
	if err != nil {
		return 0, fmt.Errorf("httprange: %s: not a URL", ra.name)
	}
	for k, v := range ra.header {
		req.Header[k] = v
	}
	last := off + int64(len(p)) - 1
	req.Header.Set("Range", "bytes="+strconv.FormatInt(off, 10)+"-"+strconv.FormatInt(last, 10))
	// Ask for the bytes as stored: a transparently gzipped body has no
	// byte ranges of the resource.
	req.Header.Set("Accept-Encoding", "identity")
	if ra.etag != "" && !strings.HasPrefix(ra.etag, "W/") {
		// A changed object is then a 412, not other bytes. (If-Match
		// compares strongly: a weak ETag would never match.)
		req.Header.Set("If-Match", ra.etag)
	}
	resp, err := ra.client.Do(req)
	if err != nil {
		var ue *neturl.Error
		if errors.As(err, &ue) {
			ue.URL = ra.name // not the signature of a presigned URL
		}
		return 0, fmt.Errorf("httprange: %w", err)
	}
	// Close without draining: a body we do not want is not downloaded.
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusOK && ra.size < 0 && resp.ContentLength == 0:
		// An empty resource has no byte range to serve: servers send it
		// whole, which is nothing.
		ra.size = 0
		return 0, io.EOF
	case resp.StatusCode == http.StatusOK:
		return 0, fmt.Errorf("httprange: GET %s bytes %d-%d: %w: status %s with %s (use a server that supports range requests)",
			ra.name, off, last, ErrRangeIgnored, resp.Status, lengthText(resp.ContentLength))
	case resp.StatusCode == http.StatusRequestedRangeNotSatisfiable && ra.size < 0 && off == 0:
		// An empty resource has no byte 0.
		if total, ok := unsatisfiedSize(resp.Header.Get("Content-Range")); ok && total == 0 {
			ra.size = 0
			return 0, io.EOF
		}
		return 0, fmt.Errorf("httprange: GET %s bytes %d-%d: status %s", ra.name, off, last, resp.Status)
	case resp.StatusCode != http.StatusPartialContent:
		return 0, fmt.Errorf("httprange: GET %s bytes %d-%d: status %s", ra.name, off, last, resp.Status)
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("httprange: GET %s bytes %d-%d: %w: %w: "+format, append([]any{ra.name, off, last, ErrBadResponse, typed.ErrFormat}, args...)...)
	}
	cr := resp.Header.Get("Content-Range")
	first, end, total, ok := parseContentRange(cr)
	if !ok {
		return 0, bad("Content-Range %q", cr)
	}
	if ra.size < 0 {
		ra.size = total
		ra.etag = resp.Header.Get("ETag")
		last = min(last, total-1)
	} else {
		if total != ra.size {
			return 0, bad("the resource is now %d bytes, it was %d", total, ra.size)
		}
		if etag := resp.Header.Get("ETag"); ra.etag != "" && etag != "" && etag != ra.etag {
			return 0, bad("ETag %s, it was %s", etag, ra.etag)
		}
	}
	if first != off || end != last {
		return 0, bad("Content-Range %q", cr)
	}
	n := int(last - off + 1)
	if resp.ContentLength >= 0 && resp.ContentLength != int64(n) {
		return 0, bad("Content-Length %d for %d bytes", resp.ContentLength, n)
	}
	got, err := io.ReadFull(resp.Body, p[:n])
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return 0, bad("body ends after %d of %d bytes: %w", got, n, io.ErrUnexpectedEOF)
		}
		return got, fmt.Errorf("httprange: GET %s bytes %d-%d: %w", ra.name, off, last, err)
	}
	var one [1]byte
	if k, _ := io.ReadFull(resp.Body, one[:]); k > 0 {
		// The bytes read are suspect too: report none.
		return 0, bad("body longer than the %d bytes of its range", n)
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// redact is u without its query and fragment, which for a presigned URL
// hold the signature.
func redact(u string) string {
	p, err := neturl.Parse(u)
	if err != nil {
		return "the URL"
	}
	p.RawQuery, p.Fragment, p.User = "", "", nil
	return p.String()
}

func lengthText(n int64) string {
	if n < 0 {
		return "a body of unknown length"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// parseContentRange parses "bytes first-last/total" with a known total.
func parseContentRange(s string) (first, last, total int64, ok bool) {
	rest, found := strings.CutPrefix(s, "bytes ")
	if !found {
		return 0, 0, 0, false
	}
	rng, tot, found := strings.Cut(rest, "/")
	if !found {
		return 0, 0, 0, false
	}
	a, b, found := strings.Cut(rng, "-")
	if !found {
		return 0, 0, 0, false
	}
	var err1, err2, err3 error
	first, err1 = strconv.ParseInt(a, 10, 64)
	last, err2 = strconv.ParseInt(b, 10, 64)
	total, err3 = strconv.ParseInt(tot, 10, 64)
	if err1 != nil || err2 != nil || err3 != nil || first < 0 || last < first || total <= last {
		return 0, 0, 0, false
	}
	return first, last, total, true
}

// unsatisfiedSize parses a 416 response's "bytes */total".
func unsatisfiedSize(s string) (int64, bool) {
	tot, found := strings.CutPrefix(s, "bytes */")
	if !found {
		return 0, false
	}
	n, err := strconv.ParseInt(tot, 10, 64)
	return n, err == nil && n >= 0
}
