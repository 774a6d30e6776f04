// Stand-in for office-addin-manifest under jest: office-addin-mock 4 imports it but the mocks never use it.
module.exports = {};
