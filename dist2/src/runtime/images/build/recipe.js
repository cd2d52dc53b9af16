export {};
//# sourceMappingURL=recipe.js.map