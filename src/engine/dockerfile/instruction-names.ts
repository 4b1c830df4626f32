// The instruction words BuildKit knows, upper case, in alphabetical order: the same list as the
// parser's table (instructions/dispatch.ts; a unit test keeps the two equal). Its own tiny module, so
// the editor's highlighter does not load the parser to know them.
export const INSTRUCTION_WORDS: readonly string[] = ['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'];
