// Sample: a static site served by nginx. Checkpoints: the page alone with the stock nginx config, then a
// custom server block copied over the image's default.

const index = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Served by nginx</title>
    <link rel="stylesheet" href="style.css">
  </head>
  <body>
    <h1>Hello from a container</h1>
    <p>This page was copied into an image and is served by nginx.</p>
  </body>
</html>
`;

const style = `body {
  font-family: system-ui, sans-serif;
  margin: 2rem auto;
  max-width: 40rem;
}
`;

const dockerfile1 = `FROM nginx:alpine
COPY index.html style.css /usr/share/nginx/html/
`;

const conf = `server {
    listen       80;
    server_name  localhost;

    root   /usr/share/nginx/html;
    index  index.html;

    location / {
        try_files $uri $uri/ =404;
    }
}
`;

const dockerfile2 = `FROM nginx:alpine
COPY default.conf /etc/nginx/conf.d/default.conf
COPY index.html style.css /usr/share/nginx/html/
EXPOSE 80
`;

const step1: Record<string, string> = {
  'index.html': index,
  'style.css': style,
  Dockerfile: dockerfile1,
};

const step2: Record<string, string> = {
  ...step1,
  'default.conf': conf,
  Dockerfile: dockerfile2,
};

export const nginxSite = {
  title: 'Static site served by nginx',
  files: step2,
  checkpoints: [
    { name: 'step-1', message: 'A static page on the stock nginx image', files: step1 },
    { name: 'step-2', message: 'Add our own server block', files: step2 },
  ],
};
