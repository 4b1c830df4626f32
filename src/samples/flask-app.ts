// Sample: a small Python Flask app. Its commits are lesson checkpoints: first a Dockerfile that copies
// everything before installing dependencies (so any code edit re-runs pip), then the cache-friendly order.

const app = `from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello():
    return "Hello from a container!\\n"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
`;

const requirements = `flask==3.1.0
`;

const dockerfileNaive = `FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
EXPOSE 5000
CMD ["python", "app.py"]
`;

const dockerfileCached = `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 5000
CMD ["python", "app.py"]
`;

const dockerignore = `__pycache__
*.pyc
.venv
`;

const step1: Record<string, string> = {
  'app.py': app,
  'requirements.txt': requirements,
  Dockerfile: dockerfileNaive,
};

const step2: Record<string, string> = {
  ...step1,
  Dockerfile: dockerfileCached,
  '.dockerignore': dockerignore,
};

export const flaskApp = {
  title: 'Python Flask app',
  files: step2,
  checkpoints: [
    { name: 'step-1', message: 'Flask app with a first Dockerfile', files: step1 },
    { name: 'step-2', message: 'Install dependencies before copying the code', files: step2 },
  ],
};
