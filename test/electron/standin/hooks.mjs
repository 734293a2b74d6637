// Node module hooks: the bare specifier `electron` resolves to the stand-in (see electron.ts).
let standIn;

export function initialize(data) {
  standIn = data.standIn;
}

export function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: standIn, shortCircuit: true };
  return nextResolve(specifier, context);
}
