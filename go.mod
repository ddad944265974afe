module github.com/npy2d/npy2d

go 1.24.0

require (
	github.com/dave/jennifer v1.7.1
	github.com/emmansun/base64 v0.7.0
	github.com/klauspost/compress v1.19.2
	golang.org/x/sys v0.41.0
	golang.org/x/tools v0.42.0
)

require (
	golang.org/x/mod v0.33.0 // indirect
	golang.org/x/sync v0.19.0 // indirect
)

tool github.com/npy2d/npy2d/gen
