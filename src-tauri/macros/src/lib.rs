//! `#[command]`: marks a Tauri command of Pilot Studio's shell.
//!
//! It keeps the function as written (under `#[tauri::command]`) and adds,
//! next to it, a module of the same name whose `signature` describes the
//! command for the generated TypeScript: its name, each argument the webview
//! passes (name and type) and what it resolves to. The signature is read off
//! the function itself, so the TypeScript cannot drift from the Rust.
//!
//! Arguments Tauri fills in itself (`State`, `AppHandle`) are left out of the
//! TypeScript by `bindings::probe`, which decides per type, not per name.

use proc_macro::TokenStream;
use quote::quote;
use syn::{
    parse_macro_input, FnArg, GenericArgument, ItemFn, Pat, PathArguments, ReturnType, Type,
};

#[proc_macro_attribute]
pub fn command(attr: TokenStream, item: TokenStream) -> TokenStream {
    if !attr.is_empty() {
        return syn::Error::new(
            proc_macro2::Span::call_site(),
            "#[command] takes no arguments",
        )
        .to_compile_error()
        .into();
    }
    let function = parse_macro_input!(item as ItemFn);
    match expand(&function) {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}

fn expand(function: &ItemFn) -> syn::Result<proc_macro2::TokenStream> {
    let name = &function.sig.ident;
    let name_text = name.to_string();
    let mut args = Vec::new();
    for input in &function.sig.inputs {
        let FnArg::Typed(typed) = input else {
            return Err(syn::Error::new_spanned(input, "a command takes no `self`"));
        };
        let Pat::Ident(ident) = typed.pat.as_ref() else {
            return Err(syn::Error::new_spanned(
                &typed.pat,
                "a command's arguments are plain names (the webview passes them by name)",
            ));
        };
        let arg_name = ident.ident.to_string();
        let ty = &typed.ty;
        args.push(quote! { (#arg_name, (&&Probe::<#ty>::new()).typescript(cfg)) });
    }
    let returns = resolved_type(&function.sig.output);
    let vis = &function.vis;
    Ok(quote! {
        #[tauri::command]
        #function

        #[doc(hidden)]
        #[allow(non_snake_case)]
        #vis mod #name {
            #[allow(unused_imports)]
            use super::*;

            /// This command as the webview sees it.
            pub fn signature(cfg: &::ts_rs::Config) -> crate::bindings::Signature {
                #[allow(unused_imports)]
                use crate::bindings::probe::{Passed, Probe, Special};
                let args: Vec<(&'static str, Option<String>)> = vec![#(#args),*];
                crate::bindings::Signature {
                    name: #name_text,
                    args: args
                        .into_iter()
                        .filter_map(|(name, ty)| ty.map(|ty| (name, ty)))
                        .collect(),
                    returns: (&&Probe::<#returns>::new())
                        .typescript(cfg)
                        .expect("a command resolves to a value the webview can read"),
                }
            }
        }
    })
}

/// What the webview's promise resolves to: `T` of a `CmdResult<T>` (the
/// error side is always `AppError`), the type itself otherwise, `()` when
/// the function returns nothing.
fn resolved_type(output: &ReturnType) -> proc_macro2::TokenStream {
    let ReturnType::Type(_, ty) = output else {
        return quote! { () };
    };
    if let Type::Path(path) = ty.as_ref() {
        if let Some(last) = path.path.segments.last() {
            if last.ident == "CmdResult" {
                if let PathArguments::AngleBracketed(generics) = &last.arguments {
                    if let Some(GenericArgument::Type(inner)) = generics.args.first() {
                        return quote! { #inner };
                    }
                }
            }
        }
    }
    quote! { #ty }
}
