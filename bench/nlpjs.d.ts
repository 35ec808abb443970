// NLP.js ships no type declarations; the comparison bench only calls a few functions.
declare module '@nlpjs/core';
declare module '@nlpjs/nlp';
declare module '@nlpjs/lang-zh';
declare module '@nlpjs/lang-en-min';
