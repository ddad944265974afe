module example.com/consumer

go 1.24.0

require github.com/npy2d/npy2d v0.0.0

require (
	github.com/dave/jennifer v1.7.1 // indirect
	github.com/emmansun/base64 v0.7.0 // indirect
	golang.org/x/mod v0.33.0 // indirect
	golang.org/x/sync v0.19.0 // indirect
	golang.org/x/sys v0.41.0 // indirect
	golang.org/x/tools v0.42.0 // indirect
)

replace github.com/npy2d/npy2d => ../..
