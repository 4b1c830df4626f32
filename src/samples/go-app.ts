// Sample: a Go web server. Checkpoints: a single-stage build that ships the whole Go toolchain, then a
// multi-stage build whose final image holds only the compiled binary on alpine.

const main = `package main

import (
	"fmt"
	"log"
	"net/http"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "Hello from a container!")
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
`;

const gomod = `module example.com/hello

go 1.23
`;

const dockerfileSingle = `FROM golang:1.23-alpine
WORKDIR /src
COPY go.mod ./
COPY main.go ./
RUN go build -o /usr/local/bin/hello .
EXPOSE 8080
CMD ["hello"]
`;

const dockerfileMulti = `FROM golang:1.23-alpine AS build
WORKDIR /src
COPY go.mod ./
COPY main.go ./
RUN go build -o /out/hello .

FROM alpine:3.21
COPY --from=build /out/hello /usr/local/bin/hello
EXPOSE 8080
CMD ["hello"]
`;

const step1: Record<string, string> = {
  'go.mod': gomod,
  'main.go': main,
  Dockerfile: dockerfileSingle,
};

const step2: Record<string, string> = {
  ...step1,
  Dockerfile: dockerfileMulti,
};

export const goApp = {
  title: 'Go app with a multi-stage build',
  files: step2,
  checkpoints: [
    { name: 'step-1', message: 'Build and run in the golang image', files: step1 },
    { name: 'step-2', message: 'Multi-stage build: ship only the binary', files: step2 },
  ],
};
