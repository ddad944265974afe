package npy2d

//go:generate go run ./gen -family generated
