// Sample: a small Node.js web app (the lab's default project). Its first Dockerfile copies everything
// before `npm ci`, the cache-unfriendly order the lessons improve: any code edit re-runs the install.

const packageJson = `{
  "name": "node-app",
  "version": "1.0.0",
  "description": "A small web app to build into an image",
  "main": "src/index.js",
  "scripts": {
    "start": "node src/index.js"
  },
  "license": "MIT",
  "dependencies": {
    "express": "^4.21.2"
  }
}
`;

// Generated from the toy npm registry's express dependency tree (lockfileVersion 3, as npm 10 writes).
const packageLock = `{
  "name": "node-app",
  "version": "1.0.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "node-app",
      "version": "1.0.0",
      "license": "MIT",
      "dependencies": {
        "express": "^4.21.2"
      }
    },
    "node_modules/accepts": {
      "version": "1.3.8",
      "license": "MIT",
      "dependencies": {
        "mime-types": "2.1.35",
        "negotiator": "0.6.3"
      }
    },
    "node_modules/array-flatten": {
      "version": "1.1.1",
      "license": "MIT"
    },
    "node_modules/body-parser": {
      "version": "1.20.3",
      "license": "MIT",
      "dependencies": {
        "bytes": "3.1.2",
        "content-type": "1.0.5",
        "debug": "2.6.9",
        "depd": "2.0.0",
        "destroy": "1.2.0",
        "http-errors": "2.0.0",
        "iconv-lite": "0.4.24",
        "on-finished": "2.4.1",
        "qs": "6.13.0",
        "raw-body": "2.5.2",
        "type-is": "1.6.18",
        "unpipe": "1.0.0"
      }
    },
    "node_modules/bytes": {
      "version": "3.1.2",
      "license": "MIT"
    },
    "node_modules/call-bind": {
      "version": "1.0.8",
      "license": "MIT",
      "dependencies": {
        "es-errors": "1.3.0",
        "function-bind": "1.1.2",
        "get-intrinsic": "1.2.4"
      }
    },
    "node_modules/content-disposition": {
      "version": "0.5.4",
      "license": "MIT",
      "dependencies": {
        "safe-buffer": "5.2.1"
      }
    },
    "node_modules/content-type": {
      "version": "1.0.5",
      "license": "MIT"
    },
    "node_modules/cookie": {
      "version": "0.7.1",
      "license": "MIT"
    },
    "node_modules/cookie-signature": {
      "version": "1.0.6",
      "license": "MIT"
    },
    "node_modules/debug": {
      "version": "2.6.9",
      "license": "MIT",
      "dependencies": {
        "ms": "2.0.0"
      }
    },
    "node_modules/depd": {
      "version": "2.0.0",
      "license": "MIT"
    },
    "node_modules/destroy": {
      "version": "1.2.0",
      "license": "MIT"
    },
    "node_modules/ee-first": {
      "version": "1.1.1",
      "license": "MIT"
    },
    "node_modules/encodeurl": {
      "version": "2.0.0",
      "license": "MIT"
    },
    "node_modules/es-errors": {
      "version": "1.3.0",
      "license": "MIT"
    },
    "node_modules/escape-html": {
      "version": "1.0.3",
      "license": "MIT"
    },
    "node_modules/etag": {
      "version": "1.8.1",
      "license": "MIT"
    },
    "node_modules/express": {
      "version": "4.21.2",
      "license": "MIT",
      "dependencies": {
        "accepts": "1.3.8",
        "array-flatten": "1.1.1",
        "body-parser": "1.20.3",
        "content-disposition": "0.5.4",
        "content-type": "1.0.5",
        "cookie": "0.7.1",
        "cookie-signature": "1.0.6",
        "debug": "2.6.9",
        "depd": "2.0.0",
        "encodeurl": "2.0.0",
        "escape-html": "1.0.3",
        "etag": "1.8.1",
        "finalhandler": "1.3.1",
        "fresh": "0.5.2",
        "http-errors": "2.0.0",
        "merge-descriptors": "1.0.3",
        "methods": "1.1.2",
        "on-finished": "2.4.1",
        "parseurl": "1.3.3",
        "path-to-regexp": "0.1.12",
        "proxy-addr": "2.0.7",
        "qs": "6.13.0",
        "range-parser": "1.2.1",
        "safe-buffer": "5.2.1",
        "send": "0.19.0",
        "serve-static": "1.16.2",
        "setprototypeof": "1.2.0",
        "statuses": "2.0.1",
        "type-is": "1.6.18",
        "utils-merge": "1.0.1",
        "vary": "1.1.2"
      }
    },
    "node_modules/finalhandler": {
      "version": "1.3.1",
      "license": "MIT",
      "dependencies": {
        "debug": "2.6.9",
        "encodeurl": "2.0.0",
        "escape-html": "1.0.3",
        "on-finished": "2.4.1",
        "parseurl": "1.3.3",
        "statuses": "2.0.1",
        "unpipe": "1.0.0"
      }
    },
    "node_modules/forwarded": {
      "version": "0.2.0",
      "license": "MIT"
    },
    "node_modules/fresh": {
      "version": "0.5.2",
      "license": "MIT"
    },
    "node_modules/function-bind": {
      "version": "1.1.2",
      "license": "MIT"
    },
    "node_modules/get-intrinsic": {
      "version": "1.2.4",
      "license": "MIT",
      "dependencies": {
        "es-errors": "1.3.0",
        "function-bind": "1.1.2",
        "has-symbols": "1.1.0",
        "hasown": "2.0.2"
      }
    },
    "node_modules/has-symbols": {
      "version": "1.1.0",
      "license": "MIT"
    },
    "node_modules/hasown": {
      "version": "2.0.2",
      "license": "MIT",
      "dependencies": {
        "function-bind": "1.1.2"
      }
    },
    "node_modules/http-errors": {
      "version": "2.0.0",
      "license": "MIT",
      "dependencies": {
        "depd": "2.0.0",
        "inherits": "2.0.4",
        "setprototypeof": "1.2.0",
        "statuses": "2.0.1",
        "toidentifier": "1.0.1"
      }
    },
    "node_modules/iconv-lite": {
      "version": "0.4.24",
      "license": "MIT",
      "dependencies": {
        "safer-buffer": "2.1.2"
      }
    },
    "node_modules/inherits": {
      "version": "2.0.4",
      "license": "MIT"
    },
    "node_modules/ipaddr.js": {
      "version": "1.9.1",
      "license": "MIT"
    },
    "node_modules/media-typer": {
      "version": "0.3.0",
      "license": "MIT"
    },
    "node_modules/merge-descriptors": {
      "version": "1.0.3",
      "license": "MIT"
    },
    "node_modules/methods": {
      "version": "1.1.2",
      "license": "MIT"
    },
    "node_modules/mime": {
      "version": "1.6.0",
      "license": "MIT"
    },
    "node_modules/mime-db": {
      "version": "1.52.0",
      "license": "MIT"
    },
    "node_modules/mime-types": {
      "version": "2.1.35",
      "license": "MIT",
      "dependencies": {
        "mime-db": "1.52.0"
      }
    },
    "node_modules/ms": {
      "version": "2.0.0",
      "license": "MIT"
    },
    "node_modules/negotiator": {
      "version": "0.6.3",
      "license": "MIT"
    },
    "node_modules/object-inspect": {
      "version": "1.13.3",
      "license": "MIT"
    },
    "node_modules/on-finished": {
      "version": "2.4.1",
      "license": "MIT",
      "dependencies": {
        "ee-first": "1.1.1"
      }
    },
    "node_modules/parseurl": {
      "version": "1.3.3",
      "license": "MIT"
    },
    "node_modules/path-to-regexp": {
      "version": "0.1.12",
      "license": "MIT"
    },
    "node_modules/proxy-addr": {
      "version": "2.0.7",
      "license": "MIT",
      "dependencies": {
        "forwarded": "0.2.0",
        "ipaddr.js": "1.9.1"
      }
    },
    "node_modules/qs": {
      "version": "6.13.0",
      "license": "MIT",
      "dependencies": {
        "side-channel": "1.0.6"
      }
    },
    "node_modules/range-parser": {
      "version": "1.2.1",
      "license": "MIT"
    },
    "node_modules/raw-body": {
      "version": "2.5.2",
      "license": "MIT",
      "dependencies": {
        "bytes": "3.1.2",
        "http-errors": "2.0.0",
        "iconv-lite": "0.4.24",
        "unpipe": "1.0.0"
      }
    },
    "node_modules/safe-buffer": {
      "version": "5.2.1",
      "license": "MIT"
    },
    "node_modules/safer-buffer": {
      "version": "2.1.2",
      "license": "MIT"
    },
    "node_modules/send": {
      "version": "0.19.0",
      "license": "MIT",
      "dependencies": {
        "debug": "2.6.9",
        "depd": "2.0.0",
        "destroy": "1.2.0",
        "encodeurl": "2.0.0",
        "escape-html": "1.0.3",
        "etag": "1.8.1",
        "fresh": "0.5.2",
        "http-errors": "2.0.0",
        "mime": "1.6.0",
        "ms": "2.0.0",
        "on-finished": "2.4.1",
        "range-parser": "1.2.1",
        "statuses": "2.0.1"
      }
    },
    "node_modules/serve-static": {
      "version": "1.16.2",
      "license": "MIT",
      "dependencies": {
        "encodeurl": "2.0.0",
        "escape-html": "1.0.3",
        "parseurl": "1.3.3",
        "send": "0.19.0"
      }
    },
    "node_modules/setprototypeof": {
      "version": "1.2.0",
      "license": "MIT"
    },
    "node_modules/side-channel": {
      "version": "1.0.6",
      "license": "MIT",
      "dependencies": {
        "call-bind": "1.0.8",
        "es-errors": "1.3.0",
        "get-intrinsic": "1.2.4",
        "object-inspect": "1.13.3"
      }
    },
    "node_modules/statuses": {
      "version": "2.0.1",
      "license": "MIT"
    },
    "node_modules/toidentifier": {
      "version": "1.0.1",
      "license": "MIT"
    },
    "node_modules/type-is": {
      "version": "1.6.18",
      "license": "MIT",
      "dependencies": {
        "media-typer": "0.3.0",
        "mime-types": "2.1.35"
      }
    },
    "node_modules/unpipe": {
      "version": "1.0.0",
      "license": "MIT"
    },
    "node_modules/utils-merge": {
      "version": "1.0.1",
      "license": "MIT"
    },
    "node_modules/vary": {
      "version": "1.1.2",
      "license": "MIT"
    }
  }
}
`;

const indexJs = `const express = require('express');

const app = express();
const port = process.env.PORT || 3000;

app.get('/', (req, res) => {
  res.send('Hello from a container!\\n');
});

app.listen(port, () => {
  console.log(\`Listening on port \${port}\`);
});
`;

const dockerfileNaive = `FROM node:22-alpine
WORKDIR /app
COPY . .
RUN npm ci
EXPOSE 3000
CMD ["node", "src/index.js"]
`;

const dockerfileCached = `FROM node:22-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
EXPOSE 3000
CMD ["node", "src/index.js"]
`;

const dockerignore = `node_modules
npm-debug.log
.git
`;

const readme = `# node-app

A small Express app. Build it with:

    docker build -t node-app .
`;

const step1: Record<string, string> = {
  'package.json': packageJson,
  'package-lock.json': packageLock,
  'src/index.js': indexJs,
  'README.md': readme,
  Dockerfile: dockerfileNaive,
  '.dockerignore': dockerignore,
};

const step2: Record<string, string> = {
  ...step1,
  Dockerfile: dockerfileCached,
};

export const nodeApp = {
  title: 'Node.js web app',
  files: step1,
  checkpoints: [
    { name: 'step-1', message: 'Express app with a first Dockerfile (COPY . . before npm ci)', files: step1 },
    { name: 'step-2', message: 'Copy the package files and install before copying the code', files: step2 },
  ],
};
