import { ApiError } from '../../api/errors.js';
/** Only "All" is a dry-run value kube-apiserver knows. */
export function checkDryRun(values) {
    if (values.some((d) => d !== 'All'))
        throw new ApiError('BadRequest', `Invalid dryRun value: ${values.join(',')}; only "All" is supported`);
}
//# sourceMappingURL=context.js.map